"""Exchange formats: import (CSV, XLSX, matchdesk JSON), the workshop report, the format
writers (``export/``) and the ``tally`` output. The follow-up's and the network's words live in
their own rooms (``store/followup/exports.py``, ``store/network/network_report.py``)."""
