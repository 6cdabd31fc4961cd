import { todayInLondon } from '../../common/london-date';
import { isOverdue } from './governance.service';

describe('overdue actions', () => {
  it('counts days in England: just after midnight BST the previous day is already past', () => {
    const today = todayInLondon(new Date('2024-06-30T23:30:00Z'));
    expect(today).toBe('2024-07-01');
    expect(isOverdue({ status: 'open', dueDate: '2024-06-30' }, today)).toBe(true);
    expect(isOverdue({ status: 'in-progress', dueDate: '2024-06-30' }, today)).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2024-07-01' }, today)).toBe(false);
  });

  it('never marks a finished or dropped action overdue', () => {
    expect(isOverdue({ status: 'done', dueDate: '2020-01-01' }, '2024-07-01')).toBe(false);
    expect(isOverdue({ status: 'dropped', dueDate: '2020-01-01' }, '2024-07-01')).toBe(false);
  });
});
