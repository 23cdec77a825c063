/** Where a rule comes from: a seed policy file and its paragraph, or national guidance or regulation. */
export interface Citation {
  source: string;
  where: string;
}

/** National sources, named the way officers cite them. */
export const NATIONAL_SOURCES = {
  wtisa: 'DfE, Working together to improve school attendance (statutory guidance, August 2024)',
  regs2024: 'School Attendance (Pupil Registration) (England) Regulations 2024 (SI 2024/208)',
  penaltyRegs: 'Education (Penalty Notices) (England) (Amendment) Regulations 2024 (SI 2024/210)',
  methodology: 'DfE, Pupil absence in schools in England: methodology',
  educationAct: 'Education Act 1996',
} as const;

/** The five seed policies, by file name as the product cites them. */
export const SEED_SOURCES = {
  derby: '000_1b9a318a1d6e4853.txt',
  dudleyStJames: '001_7ee3e34e9ff27cc2.txt',
  nottingham: '002_9c97d1236ab3d0aa.txt',
  centralBedfordshire: '003_7084cc63cbb3d432.txt',
  stockportBramhall: '004_68bc42b2194a3ad7.txt',
} as const;
