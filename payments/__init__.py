"""Deposits and prepayments: a POS payment link per ticket, texted to the customer, marked paid by the POS's webhook."""
