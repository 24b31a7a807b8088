from mock_portal.cli import main

main()
