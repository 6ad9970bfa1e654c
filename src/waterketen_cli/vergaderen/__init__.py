"""Meetings: agendas, minutes, decisions, actions and the calendar (pure functions of
the records; the commands in ``cli`` read and write them)."""
