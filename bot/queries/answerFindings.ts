import { findingsCard } from '../../cards/queries/findingsCard.ts';
import { formatLongDate, pupilName } from '../../rules/index.ts';
import { userKey } from '../access/access.ts';
import { type BotMessage } from '../host/featureHost.ts';
import { privacyLabel, yearLabel } from './describeView.ts';
import { evidenceFacts } from './evidenceFacts.ts';
import { hiddenInView, viewFinding } from './findingView.ts';
import { RULE_TITLES } from './listedRules.ts';
import { type PupilRequest } from './answerPupil.ts';
import { type QueryServices } from './queryServices.ts';
import { encodeQueryToken } from './queryToken.ts';
import { refreshForAuthorisedViewers } from './refreshViews.ts';
import { type ScopedSchool } from './schoolScope.ts';

/**
 * "Why is Amy Smith on the list?": each of the pupil's findings with its reason, the evidence in words,
 * the next step and its source, at the conversation's privacy level. Audited like every pupil view.
 */
export async function answerPupilFindings(
  services: QueryServices,
  request: PupilRequest,
  scoped: ScopedSchool,
  p: number,
): Promise<BotMessage> {
  const { school, access } = scoped;
  const pupil = school.register.pupils[p];
  const asOf = request.token.asOf ?? school.asOf;
  const { findings } = services.cache.evaluation(school, asOf, request.token.from);
  const mine = findings.filter((f) => f.upn === pupil.upn);
  // A finding that names a social worker or an EHC plan is left out of a limited view, and the card says
  // extra safeguarding steps apply.
  const own = mine.filter((f) => !hiddenInView(f, access.privacy));
  const hidden = own.length < mine.length;
  const views = own.map((f) => ({ finding: f, view: viewFinding(f, school.policy, access.privacy) }));
  await services.store.appendAudit({
    at: new Date().toISOString(),
    who: userKey(request.user),
    what: 'view.pupil',
    schoolUrn: school.urn,
    upn: pupil.upn,
    detail: { privacy: access.privacy, conversation: request.conversation.id, findings: own.length, view: 'findings' },
  });
  services.log('pupil.view', {
    school: school.urn,
    conversation: request.conversation.id,
    privacy: access.privacy,
    findings: own.length,
  });
  const name = pupilName(pupil);
  const asOfLabel = request.token.label ?? formatLongDate(asOf);
  const pupilKey = `${school.urn}|${pupil.upn}`;
  const message = findingsCard({
    title: own.length === 0 ? `${name} is on no list` : `Why ${name} is on the list`,
    subtitle: [yearLabel(pupil.yearGroup), pupil.regGroup, `UPN ${pupil.upn}`].filter(Boolean).join(' · '),
    school: `${school.name} (URN ${school.urn})`,
    asOfLabel,
    policyName: school.policy.name,
    privacyLabel: privacyLabel(access.privacy, request.conversation, request.forViewerOnly),
    intro:
      own.length === 0
        ? `No rule is met for ${name} (${asOfLabel}), so nothing needs action. The pupil's card shows their measures and marks.`
        : `${own.length === 1 ? 'One finding' : `${own.length} findings`}, each with the evidence from the register and where the rule comes from.`,
    findings: views.map(({ finding, view }) => ({
      title: RULE_TITLES[finding.rule],
      reason: view.reason,
      evidence: evidenceFacts(finding.evidence, access.privacy),
      nextStep: view.nextStep,
      citation: view.citation,
    })),
    limitedNote:
      access.privacy === 'full'
        ? ''
        : hidden || views.some((v) => v.view.safeguarding)
          ? 'Extra safeguarding steps apply: ask for this card in a personal chat with the bot or in the safeguarding channel.'
          : '',
    pupilQuery: encodeQueryToken({ ...request.token, kind: 'pupil-summary' }),
    pupilKey,
  });
  return refreshForAuthorisedViewers(
    services,
    message,
    { ...request, schools: [scoped] },
    { query: encodeQueryToken(request.token), pupil: pupilKey },
  );
}
