import { describe, expect, it } from 'vitest';
import { bestMatchFirst } from './bestMatchFirst';

const roles = ['Admin', 'Member', 'Security reviewer', 'Viewer', 'Field viewer lead'].map((label) => ({ value: label, label }));
const labels = (search: string) => bestMatchFirst({ options: roles, search, limit: Infinity }).map((o) => ('label' in o ? o.label : o.group));

describe('the select filter', () => {
  it('should put the exact name first, then names starting with the search, then words starting with it', () => {
    expect(labels('viewer')).toEqual(['Viewer', 'Field viewer lead', 'Security reviewer']);
    expect(labels('Viewer ')).toEqual(['Viewer', 'Field viewer lead', 'Security reviewer']);
  });

  it('should keep every option, in order, without a search, and honour the limit', () => {
    expect(labels('')).toEqual(['Admin', 'Member', 'Security reviewer', 'Viewer', 'Field viewer lead']);
    expect(bestMatchFirst({ options: roles, search: 'e', limit: 2 })).toHaveLength(2);
  });

  it('should rank inside groups and drop groups left empty', () => {
    const grouped = [
      { group: 'System', items: roles.slice(0, 4) },
      { group: 'Custom', items: roles.slice(4) },
    ];
    expect(bestMatchFirst({ options: grouped, search: 'admin', limit: Infinity })).toEqual([{ group: 'System', items: [roles[0]] }]);
  });
});
