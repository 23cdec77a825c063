import { cite } from '../sources/sourceRegister.ts';
import { definePolicyProfile } from './definePolicyProfile.ts';

const source = 'nottingham';
const at = (where: string) => cite(source, where);

/**
 * Nottingham City Council (seed 002): the national framework, support first, with the LA told when a pupil
 * is absent for 15 days or more and no routine demand for medical evidence.
 */
export const nottinghamProfile = definePolicyProfile({
  id: 'nottingham',
  name: 'Nottingham City Council',
  kind: 'local-authority',
  source,
  version: '2024.1',
  sicknessReturn: {
    nextStep:
      'Inform Nottingham City Council (absent 15 days or more); medical evidence should not routinely be asked for',
    citation: at(
      'Health Related Absence: school should inform the local authority where a pupil is absent for 15 days or more',
    ),
  },
  stages: [
    {
      id: 'support-first',
      name: 'Support first',
      trigger: 'Emerging or persistent absence',
      actions: [
        'Communication and advice',
        'Targeting support meetings organised and chaired by the School Attendance Support Team',
        'Multi-disciplinary support for families',
      ],
      citation: at('The Education Welfare & EOTAS Service (The School Attendance Support Team)'),
    },
    {
      id: 'formal-support',
      name: 'Formal support',
      trigger: 'Support not working or not engaged with',
      actions: ['Attendance contracts and education supervision orders, jointly with the school'],
      citation: at('The Education Welfare & EOTAS Service (The School Attendance Support Team)'),
    },
    {
      id: 'legal-intervention',
      name: 'Legal intervention',
      trigger: 'Support not working, not engaged with or not appropriate',
      actions: ['National framework for penalty notices', 'Prosecution as the last resort'],
      citation: at('Prosecution: is the last resort'),
    },
  ],
  notify: {
    sicknessReturn: 'Nottingham City Council (absent 15 days or more)',
    continuousAbsence: 'Nottingham City Council (attendance return)',
    unexplainedWithSocialWorker: 'the pupil’s social worker',
  },
});
