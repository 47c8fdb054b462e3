from duckling_server.server import main

main()
