import { directorySuite } from './suites/directory.suite';

directorySuite('SQLite', async () => ({}));
