import { Stack, Text, Title } from '@mantine/core';
import { MyReviewsSection } from '../components/MyReviewsSection';

/** /account/reviews — the grants someone was asked to review, whatever their own role (a manager holding Member included). */
export function MyAccessReviewsPage() {
  return (
    <Stack maw={1100}>
      <div>
        <Title order={1} size="h2">
          My access reviews
        </Title>
        <Text size="sm" c="dimmed">
          Access you were asked to review: keep or revoke each grant, with a reason the auditors will read.
        </Text>
      </div>
      <MyReviewsSection />
    </Stack>
  );
}
