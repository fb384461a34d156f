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
  it('says each status in words a resident uses: Chinese, no two alike, no 受托人 or 委托人', () => {
    const words = Object.values(proxyStatusNames);
    for (const w of words) {
      expect(w).toMatch(/^[\u4e00-\u9fa5]{3,12}$/);
      expect(w).not.toMatch(/受托人|委托人/);
    }
    expect(new Set(words).size).toBe(words.length);
    expect(proxyStatusNames.awaiting_consent).toContain('同意');
    expect(proxyStatusNames.awaiting_approval).toContain('审批');
    expect(proxyStatusNames.approved).toBe('已批准');
    expect(proxyStatusNames.withdrawn).toBe('已撤回');
  });
});
