"""Communication: the public website and the newsletter, made from the public view."""
