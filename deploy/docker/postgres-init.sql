-- One role and one database per service, as deploy/local/postgres/start.sh creates them for the
-- local runtime (the role's password is its name). The postgres image runs this file once, when
-- its data directory is empty. Keep the list equal to CERS_SERVICES in deploy/local/env.sh
-- (tests/test_compose.py checks it).
CREATE ROLE "identity" LOGIN PASSWORD 'identity';
CREATE DATABASE "identity" OWNER "identity";

CREATE ROLE "accounts" LOGIN PASSWORD 'accounts';
CREATE DATABASE "accounts" OWNER "accounts";

CREATE ROLE "documents" LOGIN PASSWORD 'documents';
CREATE DATABASE "documents" OWNER "documents";

CREATE ROLE "bulk" LOGIN PASSWORD 'bulk';
CREATE DATABASE "bulk" OWNER "bulk";

CREATE ROLE "notifications" LOGIN PASSWORD 'notifications';
CREATE DATABASE "notifications" OWNER "notifications";
