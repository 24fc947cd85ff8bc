"""The notifications domain: bulletins, useful links, outages and e-mail notices (pure rules)."""
