/**
 * Ordinary words that appear in questions and sit one slip away from a vocabulary word. The matcher never
 * reads a word listed here (or any vocabulary word) as a typo, so "rate" is not "late" and "statement"
 * stays itself. Hand-picked, not a dictionary: add a word when a real question is misread.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  'rate', 'rates', 'date', 'dates', 'data', 'list', 'lists', 'show', 'give', 'tell', 'pupil', 'pupils', 'children',
  'child', 'students', 'student', 'kids', 'who', 'whos', 'which', 'what', 'whats', 'how', 'hows', 'many', 'much',
  'are', 'is', 'were', 'was', 'any', 'have', 'has', 'been', 'being', 'there', 'their', 'them', 'our', 'we', 'me',
  'please', 'can', 'could', 'would', 'should', 'get', 'got', 'need', 'needs', 'due', 'over', 'under', 'above',
  'below', 'and', 'or', 'with', 'without', 'of', 'in', 'on', 'at', 'for', 'to', 'from', 'by', 'this', 'that',
  'these', 'those', 'all', 'every', 'some', 'doing', 'getting', 'about', 'check', 'look', 'find', 'report', 'number',
  'count', 'names', 'name', 'term', 'year', 'years', 'school', 'class', 'form', 'group', 'today', 'yesterday',
  'week', 'weeks', 'day', 'days', 'reason', 'reasons', 'code', 'codes', 'it', 'its', 'attendance', 'absence',
  'absences', 'absentees', 'session', 'sessions', 'since', 'last', 'latest', 'later', 'sent', 'state', 'states',
  'seven', 'several', 'never', 'ever', 'season', 'return', 'returned', 'returning', 'person', 'persons', 'insist',
  'consistent', 'consistently', 'present', 'presently', 'parent', 'parents', 'patient', 'patients', 'passed',
  'fines', 'finest', 'line', 'mine', 'nine', 'five', 'hold', 'also', 'still', 'sick', 'slick', 'nearly', 'near',
  'risky', 'overall', 'totally', 'hello', 'summer', 'autumn', 'spring', 'spend', 'penny', 'meals', 'deals', 'carers',
  'career', 'careers',
]);
