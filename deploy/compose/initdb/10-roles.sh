#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised: the migration role (owns the database) and the
# app role (NOINHERIT; the migrations grant it what it needs) and the silo role (schema orleans only), as deploy/local/start.sh creates them locally.
set -eu
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
     -v owner_pw="$HUMAS_PG_OWNER_PASSWORD" -v app_pw="$HUMAS_PG_APP_PASSWORD" -v orleans_pw="$HUMAS_PG_ORLEANS_PASSWORD" <<'SQL'
CREATE ROLE humas_owner LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOBYPASSRLS INHERIT PASSWORD :'owner_pw';
CREATE ROLE humas_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD :'app_pw';
CREATE ROLE humas_orleans LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD :'orleans_pw';
GRANT pg_signal_backend TO humas_owner;
CREATE DATABASE humas OWNER humas_owner ENCODING 'UTF8';
SQL
