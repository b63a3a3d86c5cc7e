"""The facilitator console window, its panels and dialogs."""
