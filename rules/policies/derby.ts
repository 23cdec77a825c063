import { cite } from '../sources/sourceRegister.ts';
import { definePolicyProfile } from './definePolicyProfile.ts';

const source = 'derby';
const at = (where: string) => cite(source, where);

/**
 * Derby City Council's Working Together to Improve School Attendance policy 2025 (seed 000): support first,
 * then formal support (attendance contract, education supervision order), then legal intervention under
 * the national framework; the social worker told of unexplained absence; joint approaches for every
 * severely absent pupil agreed at Inclusion Officer meetings at least twice a term.
 */
export const derbyProfile = definePolicyProfile({
  id: 'derby',
  name: 'Derby City Council',
  kind: 'local-authority',
  source,
  version: '2025.2',
  penaltyThreshold: {
    citation: at('para 45: the local code of conduct follows the national framework for penalty notices'),
  },
  unexplainedAbsence: {
    socialWorkerStep: 'Tell the pupil’s social worker and/or youth offending team worker about the unexplained absence',
    socialWorkerCitation: at(
      'para 27: inform the social worker and/or youth offending team worker of unexplained absences',
    ),
  },
  stages: [
    {
      id: 'support-first',
      name: 'Support first',
      trigger: 'Absence emerging, or at risk of becoming persistent or severe',
      actions: [
        'Meet pupils at risk of persistent or severe absence and their parents',
        'Draw on partners for voluntary support',
      ],
      citation: at('Section 3, Expectations of Schools, paras 11-13'),
    },
    {
      id: 'targeted-support',
      name: 'Targeted support with the Inclusion Officer',
      trigger: 'Pupils and cohorts at risk of poor attendance; all severely absent pupils',
      actions: [
        'Agree targeted actions at Inclusion Officer meetings (at least twice a term)',
        'Joint approach for every severely absent pupil',
      ],
      citation: at('Section 3, Expectations of Local Authorities, paras 34-35 (meetings at least twice a term)'),
    },
    {
      id: 'formal-support',
      name: 'Formal support',
      trigger: 'Voluntary support not successful or not engaged with',
      actions: [
        'Attendance contract between pupil, parent, school and/or LA',
        'Education supervision order if there is non-engagement',
      ],
      citation: at('paras 14 and 41-42'),
    },
    {
      id: 'legal-intervention',
      name: 'Legal intervention',
      trigger: 'All other routes have failed or are not appropriate (compulsory school age only)',
      actions: [
        'Notice to improve and/or penalty notice under the national framework',
        'Prosecution in the magistrates’ court',
        'Statutory children’s social care involvement',
      ],
      citation: at('paras 38-45 (para 40: compulsory school age only)'),
    },
  ],
  partTimeTimetables: {
    agreementCitation: at('para 19: agreed by the school and the parent the pupil normally lives with'),
    reviewCitation: at('para 19: regular review dates which include the pupil and their parents'),
    endDateCitation: at('para 19: a proposed end date, which can be extended as part of the review'),
    socialWorkerCitation: at('para 20: keep the social worker informed and involved'),
    ehcpCitation: at('para 21: discuss with the local authority when the pupil has an EHC plan'),
    recordingCitation: at('para 22: the agreed absence recorded accordingly (code C2)'),
  },
  crossBorder: {
    citation: at('Section 4, Cross border working, paras 47-48'),
    enquiriesCitation: at('paras 49-50: joint reasonable enquiries, liaising with the Home LA'),
  },
  notify: {
    sicknessReturn: 'Derby City Council (sickness return)',
    continuousAbsence: 'Derby City Council (attendance return)',
    unexplainedWithSocialWorker: 'the pupil’s social worker and/or youth offending team worker',
  },
});
