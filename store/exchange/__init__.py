"""Exchange formats: import (CSV, XLSX, matchdesk JSON), the report model, the exports and the
``tally`` output."""
