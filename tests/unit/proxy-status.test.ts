import { describe, expect, it } from 'vitest';
import { liveProxyStatuses, proxyApplicationStatuses } from '../../db/schema/index.js';
import { isLiveProxyStatus, type ProxyStatus, proxyStatusNames } from '../../functions/_shared/proxy-status.js';

describe('the proxy statuses the mini-program reads agree with the stored ones', () => {
  it('names every stored status, and no other', () => {
    expect(Object.keys(proxyStatusNames).sort()).toEqual([...proxyApplicationStatuses].sort());
  });
  it('counts as live exactly the statuses the database keeps one of per applicant', () => {
    expect(proxyApplicationStatuses.filter((s) => isLiveProxyStatus(s as ProxyStatus)).sort()).toEqual([...liveProxyStatuses].sort());
  });
});
