import type { CreateCampaignBody, DecideBody, ReassignReviewerBody } from '../../../contracts/access-reviews';
import { call } from '../../shared/client';

export const reviewKeys = {
  snapshots: ['access-reviews', 'snapshots'] as const,
  snapshot: (id: string) => ['access-reviews', 'snapshots', id] as const,
  campaigns: ['access-reviews', 'campaigns'] as const,
  campaign: (id: string) => ['access-reviews', 'campaigns', id] as const,
  mine: ['access-reviews', 'mine'] as const,
};

export const fetchSnapshots = (cursor?: string) => call('get', '/api/access-reviews/snapshots', { query: { cursor } });
export const fetchSnapshot = (id: string) => call('get', '/api/access-reviews/snapshots/{id}', { path: { id } });
export const generateSnapshot = (dormantDays: number) => call('post', '/api/access-reviews/snapshots', { body: { dormantDays } });
export const snapshotExportUrl = (id: string, format: 'csv' | 'json' | 'pdf') =>
  `/api/access-reviews/snapshots/${encodeURIComponent(id)}/export?format=${format}`;

export const fetchCampaigns = (cursor?: string) => call('get', '/api/access-reviews/campaigns', { query: { cursor } });
export const fetchCampaign = (id: string) => call('get', '/api/access-reviews/campaigns/{id}', { path: { id } });
export const startCampaign = (body: CreateCampaignBody) => call('post', '/api/access-reviews/campaigns', { body });
export const closeCampaign = (id: string, body: { revokeUnreviewed: boolean; reason?: string }) =>
  call('post', '/api/access-reviews/campaigns/{id}/close', { path: { id }, body });
export const reassignReviewer = (id: string, body: ReassignReviewerBody) => call('post', '/api/access-reviews/campaigns/{id}/reassign', { path: { id }, body });
export const evidenceUrl = (id: string) => `/api/access-reviews/campaigns/${encodeURIComponent(id)}/evidence`;

export const fetchMyItems = (cursor?: string) => call('get', '/api/access-reviews/my-items', { query: { cursor } });
export const decide = (body: DecideBody) => call('post', '/api/access-reviews/decisions', { body });
