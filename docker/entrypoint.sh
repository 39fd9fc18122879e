#!/bin/sh
# Applies the journal's schema (idempotent), then serves. Production never changes schema implicitly.
set -e
dotnet /app/ImpactJournal.dll db-apply
exec dotnet /app/ImpactJournal.dll "$@"
