"""The portal's shared kernel: cross-cutting helpers that every app uses.

It sits on the ground floor, beside the partner directory and below every app
(`core` ← `partners` ← `meetings` ← `roadmaps`), and imports none of them.
Each module says what it is for:

- `locking`: stale edits — optimistic locking, its error, its form field, its
  view handling;
- `admin_guard`: the same protection in the Django admin, and the records it
  never deletes;
- `history`: the History panel and who is recorded as a change's author;
- `mail` and `links`: every e-mail the portal sends, and every absolute link;
- `exports` and `admin_imports`: spreadsheets written without live formulas,
  and the admin's imports;
- `client_ip` and `redaction`: the client's address behind the proxy, and the
  secrets kept out of logs;
- `markup`: what people type, rendered safely (Markdown + nh3);
- `search`: accent-insensitive lookups on PostgreSQL and SQLite;
- `pagination`: lists that never count a whole table;
- `storage`: files with no public URL;
- `migration_operations`: indexes built without locking a table;
- `versions`: data versions in the cache — what a cached value was computed from.
"""
