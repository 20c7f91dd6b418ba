# Ctrl-C at a random moment of a run over 20,000 files: exit 130, run
# interrupted; the next run resumes it and completes the catalog exactly once.
. "$E2E_SUPPORT"
interrupt_and_resume INT 130 interrupted
