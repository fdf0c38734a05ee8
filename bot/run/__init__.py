"""Running Overstap: the process launcher, `overstap serve`, the web server, the terminal
chat and `overstap classify`."""
