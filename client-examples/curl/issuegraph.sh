#!/usr/bin/env bash
# One documented curl per issuegraph operation, in the order a new user meets them. Runs against the
# local server (`./mvnw spring-boot:test-run`) by default:
#
#   client-examples/curl/issuegraph.sh
#
# Against a deployed server, give its URL, your Identity URL and an existing user (sign-up then happens
# in the page, where Identity may ask to confirm the email address):
#
#   ISSUEGRAPH_URL=https://api.example.com ISSUEGRAPH_IDENTITY_URL=https://site.netlify.app/.netlify/identity \
#   ISSUEGRAPH_EMAIL=me@example.com ISSUEGRAPH_PASSWORD=… client-examples/curl/issuegraph.sh
#
# DELETE_ACCOUNT=yes also runs deleteMyAccount (on by default for the throwaway local user).
set -euo pipefail

server="${ISSUEGRAPH_URL:-http://localhost:8080}"
identity="${ISSUEGRAPH_IDENTITY_URL:-http://localhost:9999}"
email="${ISSUEGRAPH_EMAIL:-}"
password="${ISSUEGRAPH_PASSWORD:-}"
delete_account="${DELETE_ACCOUNT:-}"

step() { printf '\n== %s\n' "$*" >&2; }
# the first string value of a JSON field in stdin (enough for these answers; use jq in real scripts)
field() { grep -o "\"$1\" *: *\"[^\"]*\"" | head -n 1 | sed 's/.*: *"\(.*\)"/\1/'; }
expect() { grep -q -- "$1" <<<"$2" || { printf 'expected %s in:\n%s\n' "$1" "$2" >&2; exit 1; }; }

# POST /graphql with the access token; prints the response. --fail-with-body: HTTP errors fail the step.
graphql() {
    curl -sS --fail-with-body "$server/graphql" \
        -H "Authorization: Bearer $access_token" \
        -H 'Content-Type: application/json' \
        -H 'Accept: application/graphql-response+json' \
        --data "$1"
}

if [ -z "$email" ]; then
    step "Sign up a new user at the local identity: POST /signup (GoTrue; autoconfirmed locally)"
    email="curl-$(date +%s)-$RANDOM@example.com"
    password="curl-password-$RANDOM"
    curl -sS --fail-with-body "$identity/signup" -H 'Content-Type: application/json' \
        --data "{\"email\":\"$email\",\"password\":\"$password\",\"data\":{\"full_name\":\"Curl Example\"}}" >/dev/null
    delete_account="${delete_account:-yes}"
fi

step "Log in: POST /token with grant_type=password (form-encoded, as GoTrue requires)"
tokens="$(curl -sS --fail-with-body "$identity/token" \
    --data-urlencode grant_type=password --data-urlencode "username=$email" --data-urlencode "password=$password")"
access_token="$(field access_token <<<"$tokens")"
refresh_token="$(field refresh_token <<<"$tokens")"
echo "access token: ${access_token:0:16}… (expires in an hour)"

step "The schema, public: GET /graphql/schema"
schema="$(curl -sS --fail-with-body "$server/graphql/schema")"
expect 'type Issue' "$schema"
echo "$(grep -c '' <<<"$schema") lines of SDL"

step "Who am I: query { me }"
out="$(graphql '{"query":"{ me { id email name roles } }"}')"
echo "$out"; expect "\"email\":\"$email\"" "$out"

step "Add an issue: mutation createIssue"
out="$(graphql '{"query":"mutation($input: CreateIssueInput!) { createIssue(input: $input) { id title status } }",
                 "variables":{"input":{"title":"Try issuegraph with curl","status":"TODO"}}}')"
echo "$out"; expect '"status":"TODO"' "$out"
id="$(field id <<<"$out")"

step "One issue by id: query issue(id)"
out="$(graphql "{\"query\":\"query(\$id: ID!) { issue(id: \$id) { id title assignee { name } } }\",\"variables\":{\"id\":\"$id\"}}")"
echo "$out"; expect 'Try issuegraph with curl' "$out"

step "Change it: mutation updateIssue"
out="$(graphql "{\"query\":\"mutation(\$id: ID!) { updateIssue(id: \$id, input: {status: IN_PROGRESS, title: \\\"Tried issuegraph with curl\\\"}) { id title status } }\",\"variables\":{\"id\":\"$id\"}}")"
echo "$out"; expect '"status":"IN_PROGRESS"' "$out"

step "List: query issues, mine, in progress, newest first; pass pageInfo.endCursor as after for the next page"
out="$(graphql '{"query":"query($after: String) { issues(first: 10, after: $after, filter: {assignedToMe: true, status: [IN_PROGRESS]}) { totalCount edges { node { id title status } } pageInfo { hasNextPage endCursor } } }","variables":{"after":null}}')"
echo "$out"; expect 'Tried issuegraph with curl' "$out"

step "Search the titles, recently changed first: query issues(filter: {search}, orderBy: {field: UPDATED_AT, direction: DESC})"
out="$(graphql '{"query":"{ issues(first: 10, filter: {search: \"tried curl\"}, orderBy: {field: UPDATED_AT, direction: DESC}) { edges { node { id title updatedAt } } } }"}')"
echo "$out"; expect 'Tried issuegraph with curl' "$out"

step "Download my data: GET /me/export (a JSON file: who I am and my issues, oldest first)"
# -i: the headers with the body (-D /dev/stderr would truncate a log file that stderr goes to)
out="$(curl -sS -i --fail-with-body "$server/me/export" -H "Authorization: Bearer $access_token")"
echo "$out"; expect 'Content-Disposition: attachment; filename="issuegraph-export-' "$out"; expect 'Tried issuegraph with curl' "$out"

step "A mistake is a readable error with a classification: an empty title"
out="$(graphql "{\"query\":\"mutation(\$id: ID!) { updateIssue(id: \$id, input: {title: \\\" \\\"}) { id } }\",\"variables\":{\"id\":\"$id\"}}")"
echo "$out"; expect '"classification":"BAD_REQUEST"' "$out"

step "Delete it: mutation deleteIssue"
out="$(graphql "{\"query\":\"mutation(\$id: ID!) { deleteIssue(id: \$id) }\",\"variables\":{\"id\":\"$id\"}}")"
echo "$out"; expect "\"deleteIssue\":\"$id\"" "$out"

step "A new access token before the old one expires: POST /token with grant_type=refresh_token"
tokens="$(curl -sS --fail-with-body "$identity/token" \
    --data-urlencode grant_type=refresh_token --data-urlencode "refresh_token=$refresh_token")"
access_token="$(field access_token <<<"$tokens")"
out="$(graphql '{"query":"{ me { email } }"}')"
echo "$out"; expect "\"email\":\"$email\"" "$out"

if [ "$delete_account" = yes ]; then
    step "Delete the account and its issues: mutation deleteMyAccount"
    out="$(graphql '{"query":"mutation { deleteMyAccount { deletedIssueCount identityDeleted message } }"}')"
    echo "$out"; expect '"deleteMyAccount"' "$out"

    step "The account is gone: logging in again fails"
    status="$(curl -sS -o /dev/null -w '%{http_code}' "$identity/token" \
        --data-urlencode grant_type=password --data-urlencode "username=$email" --data-urlencode "password=$password")"
    echo "POST /token answered $status"; [ "$status" = 400 ]
fi
printf '\nall curl examples worked against %s\n' "$server" >&2
