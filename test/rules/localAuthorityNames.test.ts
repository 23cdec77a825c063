import { describe, expect, it } from 'vitest';
import { CURRENT_LOCAL_AUTHORITY_COUNT, laName, localAuthorityNameOf } from '../../rules/index.ts';

describe('local authority names', () => {
  it("names a pupil's home authority from its DfE number, as Derby's cross-border section needs", () => {
    expect(laName('830')).toBe('Derbyshire (LA 830)');
    expect(laName('831')).toBe('Derby (LA 831)');
  });

  it("prefers the school's own name for its authority, and says the number alone when no list holds it", () => {
    expect(laName('831', 'Derby City Council')).toBe('Derby City Council (LA 831)');
    expect(laName('999')).toBe('LA 999');
  });

  it('knows the authorities made by reorganisation and still reads the numbers they replaced', () => {
    expect(localAuthorityNameOf('839')).toBe('Bournemouth, Christchurch and Poole');
    expect(localAuthorityNameOf('941')).toBe('West Northamptonshire');
    expect(localAuthorityNameOf('943')).toBe('Westmorland and Furness');
    expect(localAuthorityNameOf('909')).toBe('Cumbria (before April 2023)');
  });

  it('holds the 153 authorities responsible for education in England since April 2023', () => {
    expect(CURRENT_LOCAL_AUTHORITY_COUNT).toBe(153);
  });
});
