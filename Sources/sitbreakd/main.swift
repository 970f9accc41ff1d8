print("sitbreakd")
