/** A complete set of answers to the default "before the workshop" questionnaire (its numeric items). */
export const PRE_ANSWERS = [
  { itemCode: 'confidence_intervene', value: 2 },
  { itemCode: 'd_direct', value: 3 },
  { itemCode: 'd_distract', value: 4 },
  { itemCode: 'd_delegate', value: 5 },
  { itemCode: 'd_delay', value: 2 },
  { itemCode: 'd_document', value: 1 },
  { itemCode: 'likely_intervene', value: 3 },
  { itemCode: 'know_support', value: 0 },
  { itemCode: 'safe_speak_up', value: 3 },
];
