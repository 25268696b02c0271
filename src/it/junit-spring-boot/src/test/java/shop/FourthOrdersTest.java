package shop;

class FourthOrdersTest extends OrdersTestClass {}
