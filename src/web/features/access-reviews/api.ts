import type {
  Campaign,
  CampaignDetail,
  CreateCampaignBody,
  DecideBody,
  DecideResult,
  ReassignReviewerBody,
  ReassignReviewerResult,
  ReviewItem,
  Snapshot,
  SnapshotListItem,
} from '../../../contracts/access-reviews';
import { api } from '../../shared/api';

export const reviewKeys = {
  snapshots: ['access-reviews', 'snapshots'] as const,
  snapshot: (id: string) => ['access-reviews', 'snapshots', id] as const,
  campaigns: ['access-reviews', 'campaigns'] as const,
  campaign: (id: string) => ['access-reviews', 'campaigns', id] as const,
  mine: ['access-reviews', 'mine'] as const,
};

export const fetchSnapshots = () => api<{ items: SnapshotListItem[] }>('/api/access-reviews/snapshots');
export const fetchSnapshot = (id: string) => api<Snapshot>(`/api/access-reviews/snapshots/${encodeURIComponent(id)}`);
export const generateSnapshot = (dormantDays: number) => api<Snapshot>('/api/access-reviews/snapshots', { method: 'POST', body: { dormantDays } });
export const snapshotExportUrl = (id: string, format: 'csv' | 'json' | 'pdf') =>
  `/api/access-reviews/snapshots/${encodeURIComponent(id)}/export?format=${format}`;

export const fetchCampaigns = () => api<{ items: Campaign[] }>('/api/access-reviews/campaigns');
export const fetchCampaign = (id: string) => api<CampaignDetail>(`/api/access-reviews/campaigns/${encodeURIComponent(id)}`);
export const startCampaign = (body: CreateCampaignBody) => api<CampaignDetail>('/api/access-reviews/campaigns', { method: 'POST', body });
export const closeCampaign = (id: string, body: { revokeUnreviewed: boolean; reason?: string }) =>
  api<CampaignDetail>(`/api/access-reviews/campaigns/${encodeURIComponent(id)}/close`, { method: 'POST', body });
export const reassignReviewer = (id: string, body: ReassignReviewerBody) =>
  api<ReassignReviewerResult>(`/api/access-reviews/campaigns/${encodeURIComponent(id)}/reassign`, { method: 'POST', body });
export const evidenceUrl = (id: string) => `/api/access-reviews/campaigns/${encodeURIComponent(id)}/evidence`;

export const fetchMyItems = () => api<{ items: ReviewItem[] }>('/api/access-reviews/my-items');
export const decide = (body: DecideBody) => api<DecideResult>('/api/access-reviews/decisions', { method: 'POST', body });
