"""The one-page call-prep brief: laid out as HTML, shown, printed or saved as PDF."""
