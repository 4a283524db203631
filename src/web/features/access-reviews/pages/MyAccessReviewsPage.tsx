import { Stack, Text, Title } from '@mantine/core';
import { MyReviewsSection } from '../components/MyReviewsSection';
import { t } from '../../../shared/i18n';

/** /account/reviews — the grants someone was asked to review, whatever their own role (a manager holding Member included). */
export function MyAccessReviewsPage() {
  return (
    <Stack maw={1100}>
      <div>
        <Title order={1} size="h2">
          {t('reviews.page.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('reviews.page.intro')}
        </Text>
      </div>
      <MyReviewsSection />
    </Stack>
  );
}
