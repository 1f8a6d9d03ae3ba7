"""Reminders (CONTRACT.md section 6): what needs whom, the messages, sending them by
e-mail, and the record that keeps the same item from going twice."""
