import { InstrumentItem } from '@upstand/contracts';
import { suggestEmailColumn, suggestMapping, suggestSubmittedAtColumn } from './wide-format';

const item = (code: string, wording: string): InstrumentItem => ({
  code,
  wording,
  type: 'likert-5',
  required: true,
});
const ITEMS = [
  item(
    'confidence_intervene',
    'I feel confident to intervene and de-escalate a situation when it is safe to do so',
  ),
  item('safe_speak_up', 'I feel safe to speak up at work'),
  item(
    'likely_intervene',
    'If I witnessed bullying, harassment or discrimination at work, I would intervene',
  ),
];

describe('wide form mapping suggestions', () => {
  it('matches headings to item wording despite case, punctuation, curly quotes and numbering', () => {
    const columns = [
      'ID',
      'Start time',
      'Completion time',
      'Email',
      'Name',
      'I feel confident to intervene and de-escalate a situation when it is safe to do so.',
      '2. I feel safe to speak up at work',
      'If I witnessed bullying, harassment or discrimination at work – I would intervene',
      'Any other comments?',
    ];
    expect(suggestMapping(columns, ITEMS).map((suggestion) => suggestion.itemCode)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'confidence_intervene',
      'safe_speak_up',
      'likely_intervene',
      null,
    ]);
    expect(suggestEmailColumn(columns)).toBe('Email');
    expect(suggestSubmittedAtColumn(columns)).toBe('Completion time');
  });

  it('suggests an item for one column only, the best match', () => {
    const suggestions = suggestMapping(['safe_speak_up', 'I feel safe to speak up at work'], ITEMS);
    expect(suggestions.filter((suggestion) => suggestion.itemCode === 'safe_speak_up')).toHaveLength(1);
  });
});
