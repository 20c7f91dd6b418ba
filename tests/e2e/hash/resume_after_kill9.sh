# kill -9 at a random moment of a run over 20,000 files: the next run over the
# same root resumes it, reads only the files not committed (as many as its
# summary says), and the catalog ends with every file once, digests right.
. "$E2E_SUPPORT"
interrupt_and_resume KILL 137 running
