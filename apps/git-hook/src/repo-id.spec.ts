import { describe, expect, it } from 'vitest';
import { repoIdFromRemoteUrl } from './repo-id';
import { commitEventId, stableUuid } from './stable-id';

describe('repoIdFromRemoteUrl', () => {
  it.each([
    ['git@host:org/repo.git', 'org/repo'],
    ['git@host:org/repo', 'org/repo'],
    ['host:org/repo.git', 'org/repo'],
    ['https://host/org/repo', 'org/repo'],
    ['https://host/org/repo.git/', 'org/repo'],
    ['https://user:token@host/group/sub/repo.git', 'group/sub/repo'],
    ['ssh://git@host:2222/org/repo.git', 'org/repo'],
    ['ssh://git@host/~user/repo.git', 'repo'],
    ['git://host/org/Repo.git', 'org/Repo'],
    ['http://host:8080/scm/org/repo.git', 'scm/org/repo'],
  ])('%s → %s', (url, expected) => {
    expect(repoIdFromRemoteUrl(url)).toBe(expected);
  });

  it('has no id for local paths', () => {
    expect(repoIdFromRemoteUrl('/srv/git/repo.git')).toBeUndefined();
    expect(repoIdFromRemoteUrl('../repo')).toBeUndefined();
    expect(repoIdFromRemoteUrl('file:///srv/git/repo.git')).toBeUndefined();
  });
});

describe('stable event ids', () => {
  it('are UUIDs of version 4 layout, the same for the same (repo, sha) and different otherwise', () => {
    const sha = 'ab'.repeat(20);
    const id = commitEventId('org/repo', sha);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(commitEventId('org/repo', sha.toUpperCase())).toBe(id);
    expect(commitEventId('org/other', sha)).not.toBe(id);
    expect(stableUuid('a', 'b')).toBe(stableUuid('a', 'b'));
  });
});
