/**
 * A store that cannot be opened, said in the operator's terms: which DATABASE_URL (without its
 * password), what went wrong, and what to change — instead of "connect ECONNREFUSED 127.0.0.1:1".
 */

/** The URL with any password masked, and no longer than a line. */
export function describeDatabaseUrl(url: string): string {
  if (url.startsWith('sqlite:')) return url.slice(0, 200);
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().slice(0, 200);
  } catch {
    return `${url.split(':')[0]}:…`;
  }
}

export function storeProblem(err: unknown, url: string): string {
  const e = err as { code?: string; message?: string };
  const where = `DATABASE_URL=${describeDatabaseUrl(url)}`;
  const postgres = !url.startsWith('sqlite:');
  const address = postgres ? hostAndPort(url) : '';
  switch (e.code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${address} (${where}): start PostgreSQL there, or set DATABASE_URL to the host and port it listens on`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host in ${where} cannot be resolved: check its name in DATABASE_URL`;
    case 'ETIMEDOUT':
      return `no answer from ${address} (${where}): check the host, port and firewall in front of PostgreSQL`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the user or password in ${where}: fix them in DATABASE_URL`;
    case '3D000':
      return `the database named in ${where} does not exist: create it (createdb) or fix its name in DATABASE_URL`;
  }
  if (!postgres) return `cannot open the SQLite file of ${where} (${firstLine(e.message ?? String(err))}): make its directory writable, or set DATABASE_URL=sqlite:<a writable path>`;
  return `${firstLine(e.message ?? String(err))} (${where}): check DATABASE_URL`;
}

function hostAndPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}`;
  } catch {
    return 'the configured host';
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
