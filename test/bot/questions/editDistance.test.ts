import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../bot/questions/editDistance.ts';

describe('editDistance', () => {
  it('is zero for the same word', () => {
    expect(editDistance('threshold', 'threshold', 2)).toBe(0);
  });

  it('counts a wrong, missing or extra letter as one edit', () => {
    expect(editDistance('persistant', 'persistent', 2)).toBe(1);
    expect(editDistance('severly', 'severely', 2)).toBe(1);
    expect(editDistance('latee', 'late', 2)).toBe(1);
  });

  it('counts two swapped neighbouring letters as one edit', () => {
    expect(editDistance('absnece', 'absence', 2)).toBe(1);
  });

  it('answers max + 1 as soon as the words are further apart than max', () => {
    expect(editDistance('punctuality', 'pupil', 2)).toBe(3);
    expect(editDistance('sickness', 'summary', 1)).toBe(2);
  });

  it('adds up several slips', () => {
    expect(editDistance('unexplaned', 'unexplained', 3)).toBe(1);
    expect(editDistance('persistnetly', 'persistently', 3)).toBe(1);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  });
});
