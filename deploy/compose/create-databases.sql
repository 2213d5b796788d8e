-- Run once by the postgres image on an empty data volume: one database per service, as in production.
CREATE DATABASE identity;
CREATE DATABASE orders;
CREATE DATABASE notifications;
