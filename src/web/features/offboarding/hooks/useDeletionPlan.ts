import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { DeleteUserBody, DeleteUserResult, OffboardingPlan, PlanProblem } from '../../../../contracts/offboarding';
import type { ContentType } from '../../../../contracts/ownership';
import { errorMessage } from '../../../shared/api';
import type { PickedUser } from '../../../shared/ui/ActiveUserPicker';
import { submitDeletion } from '../api';
import { toDecision, type Choice } from '../components/deletion/choice';

/**
 * Everything the Delete wizard decides (step, ownership decisions, seats, reason, policy, typed email),
 * the request body they make, the server's dry run of it (debounced, from the ownership step on) and
 * the real deletion. The wizard validates only through that dry run: its problems block each step.
 */
export function useDeletionPlan(id: string, reviewLoaded: boolean) {
  const [step, setStep] = useState(0);
  const [confirmed, setConfirmed] = useState(false);
  const [all, setAll] = useState<Choice>(null);
  const [byType, setByType] = useState<Partial<Record<ContentType, Choice>>>({});
  const [perItem, setPerItem] = useState<Record<string, Choice>>({});
  const [seatChoice, setSeatChoice] = useState<'replace' | 'remove' | null>(null);
  const [seatTarget, setSeatTarget] = useState<PickedUser | null>(null);
  const [reason, setReason] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [typedEmail, setTypedEmail] = useState('');
  const [done, setDone] = useState<DeleteUserResult | null>(null);

  const plan: OffboardingPlan = useMemo(() => {
    const types: Record<string, unknown> = {};
    for (const [type, choice] of Object.entries(byType)) if (toDecision(choice ?? null)) types[type] = toDecision(choice ?? null);
    const items = Object.entries(perItem).flatMap(([itemId, c]) => (toDecision(c) ? [{ itemId, decision: toDecision(c)! }] : []));
    return {
      ownership: { ...(toDecision(all) ? { all: toDecision(all) } : {}), byType: types, items },
      collaborators:
        seatChoice === 'remove'
          ? { all: { action: 'remove' } }
          : seatChoice === 'replace' && seatTarget
            ? { all: { action: 'replace', toUserId: seatTarget.id } }
            : {},
    };
  }, [all, byType, perItem, seatChoice, seatTarget]);
  const body: DeleteUserBody = { plan, reason, policyAcknowledged: acknowledged, confirmEmail: typedEmail };
  const [debouncedBody] = useDebouncedValue(body, 300);
  const preview = useQuery({
    queryKey: ['delete-preview', id, debouncedBody],
    queryFn: () => submitDeletion(id, { ...debouncedBody, dryRun: true }),
    enabled: step >= 1 && !done && reviewLoaded,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const apply = useMutation({ mutationFn: (submitted: DeleteUserBody) => submitDeletion(id, { ...submitted, dryRun: false }), onSuccess: setDone });
  // The body goes in through mutate(), from the render the Delete was clicked in (see UsageRetentionCard).
  const submit = () => apply.mutate(body);

  const problems = preview.data?.problems ?? [];
  const stepProblems = (s: PlanProblem['step']) => problems.filter((p) => p.step === s);
  const previewError = preview.error ? errorMessage(preview.error) : null;
  const blocked = (s: PlanProblem['step']) => preview.isFetching || !preview.data || stepProblems(s).length > 0 || !!previewError;

  return {
    step,
    setStep,
    confirmed,
    setConfirmed,
    all,
    setAll,
    byType,
    setByType,
    perItem,
    setPerItem,
    seatChoice,
    setSeatChoice,
    seatTarget,
    setSeatTarget,
    reason,
    setReason,
    acknowledged,
    setAcknowledged,
    typedEmail,
    setTypedEmail,
    done,
    preview,
    apply,
    submit,
    problems,
    stepProblems,
    previewError,
    blocked,
  };
}

export type DeletionPlan = ReturnType<typeof useDeletionPlan>;
