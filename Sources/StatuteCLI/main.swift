print("statute: under construction")
