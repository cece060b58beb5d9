# demo loader registered in demo.py
