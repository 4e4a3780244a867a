"""The frame: the main window, its menus and navigation, start-up and first run,
who-am-I, the team-book dialog, tray notices, and the command-line verbs that need Qt."""
