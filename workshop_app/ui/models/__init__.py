"""Qt item models over core lists."""
