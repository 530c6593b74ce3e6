declare module './schema.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the server tables to the store's Database
  interface Database extends ServerTables {}
}

/** Tables owned by the server (accounts, audit, jobs). Timestamps are ISO-8601 text, JSON is text, on both dialects. */
export interface ServerTables {
  users: {
    id: string;
    username: string;
    password_hash: string;
    role: string;
    created_at: string;
    disabled_at: string | null;
  };
  user_scopes: { user_id: string; scope_kind: 'facility' | 'port'; scope_id: string };
  sessions: {
    id_hash: string;
    user_id: string;
    csrf_hash: string;
    created_at: string;
    expires_at: string;
  };
  api_tokens: {
    id: string;
    user_id: string;
    name: string;
    token_hash: string;
    created_at: string;
    last_used_at: string | null;
    revoked_at: string | null;
  };
  audit_log: {
    seq: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string;
    facility_id: string | null;
    before_json: string | null;
    after_json: string | null;
    prev_hash: string;
    hash: string;
  };
  audit_head: { id: number; seq: number; hash: string };
  jobs: {
    id: string;
    kind: string;
    payload_json: string;
    status: string;
    progress: number;
    message: string | null;
    attempts: number;
    result_json: string | null;
    error: string | null;
    created_by: string;
    /** The creator's Access as JSON: a job is visible to whoever can see all of its facilities. */
    access_json: string;
    created_at: string;
    started_at: string | null;
    finished_at: string | null;
  };
}
