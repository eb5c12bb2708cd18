#!/bin/sh
# Run once by MySQL's image on its first start (/docker-entrypoint-initdb.d): GoTrue's database and user.
mysql -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS gotrue CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'gotrue'@'%' IDENTIFIED BY '$GOTRUE_DATABASE_PASSWORD';
GRANT ALL ON gotrue.* TO 'gotrue'@'%';
SQL
