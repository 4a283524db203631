import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { ApiError, errorMessage } from '../../../shared/api';
import type { RoleEditorState } from '../hooks/useRoleEditor';
import { ImpactReview } from './ImpactReview';
import { t } from '../../../shared/i18n';

/** "Review impact" first; then who gains or loses what, and "Save role" unless the review found problems. */
export function ReviewAndSaveCard({ editor }: { editor: RoleEditorState }) {
  const { impact, clearImpact, isNew, save, saveDraft, review, reviewDraft, setShowErrors, invalid } = editor;
  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT';
  return (
    <Card withBorder>
      {impact ? (
        <Stack>
          <ImpactReview impact={impact} isNew={isNew} />
          {save.error && (
            <Alert color="red" title={t('roleEditor.notSaved')}>
              {errorMessage(save.error)}
              {conflict && (
                <Text size="sm" mt="xs">
                  {t('roleEditor.reloadAfterConflict')}
                </Text>
              )}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={clearImpact}>
              {t('roleEditor.backToEditing')}
            </Button>
            <Button loading={save.isPending} disabled={impact.problems.length > 0} onClick={saveDraft}>
              {t('roleEditor.save')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('roleEditor.reviewHint')}
          </Text>
          <Button
            loading={review.isPending}
            onClick={() => {
              setShowErrors(true);
              if (!invalid) reviewDraft();
            }}
          >
            {t('roleEditor.reviewImpact')}
          </Button>
        </Group>
      )}
      {review.error && (
        <Alert color="red" mt="sm">
          {errorMessage(review.error)}
        </Alert>
      )}
    </Card>
  );
}
