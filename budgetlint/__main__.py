from budgetlint.launch import main

main()
