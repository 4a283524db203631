import type { UserDetail } from '../../../../../contracts/users';

/** What every section of the user detail page receives. */
export interface SectionProps {
  user: UserDetail;
  /** Refetch the user (after a conflict, or another section's change). */
  reload: () => Promise<unknown>;
  /** Increments when a checklist fix link asks this section to open its editor. */
  openRequest?: number;
}
