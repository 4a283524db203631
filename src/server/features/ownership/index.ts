// The ownership feature's front door: who owns and collaborates on content, and the webhook
// announcements every change of ownership, seats or Sequence status makes.
export {
  addCollaboratorSeats,
  announceOwnershipChanges,
  announceSeatChanges,
  announceSequenceChanges,
  collaboratorSeatCount,
  listUserContentItems,
  ownedCounts,
  ownedCountsFrom,
  type OwnershipChange,
  type SeatChange,
  type SequenceStatusChange,
} from './ownership.service.js';
export { fillDemoContent } from './ownership.demo.js';
export { ownershipColumns } from './ownership.repository.js';
export { OWNERSHIP_ERRORS } from './ownership.errors.js';
export type { CollaboratorRow } from './ownership.table.js';
