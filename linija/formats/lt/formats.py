# Lithuanian groups thousands with a space (10 000), not Django's point; a no-break space keeps
# a number on one line.
THOUSAND_SEPARATOR = "\u00a0"
