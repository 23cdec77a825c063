/**
 * Where a rule comes from: a source's title, as a person would read it (see the register in
 * rules/sources/sourceRegister.ts), and the paragraph or section.
 */
export interface Citation {
  source: string;
  where: string;
}
